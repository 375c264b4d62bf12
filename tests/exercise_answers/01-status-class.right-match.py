def describe_status(code: int) -> str:
    match str(code)[0]:
        case "1":
            return "informational"
        case "2":
            return "successful"
        case "3":
            return "redirection"
        case "4":
            return "client error"
        case _:
            return "server error"
