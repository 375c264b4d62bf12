def describe_status(code):
    return code // 100  # a number, not the class name
