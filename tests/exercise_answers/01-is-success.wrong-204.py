# expect: calls a 204 response a failure
def is_success(response):
    return response.status_code in (200, 201)  # forgets 204 No Content
