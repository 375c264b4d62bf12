# expect: calls a 201 response a failure
def is_success(response):
    """True when the server accepted the request, False when it answered with an error."""
    return response.status_code == 200
