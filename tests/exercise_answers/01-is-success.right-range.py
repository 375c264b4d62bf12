def is_success(response):
    return 200 <= response.status_code < 300
