# expect: returned 1, not a string
def describe_status(code):
    return code // 100  # a number, not the class name
