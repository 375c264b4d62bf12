# expect: calls a 404 response a success
def is_success(response):
    return response.status_code < 500  # a 404 is not a success
