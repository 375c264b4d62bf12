# Explicit None tests instead of `or`.
def user_card(user):
    name = user["name"] if user["name"] is not None else user["login"]
    company = user["company"]
    company = "no company" if company is None else company.strip().removeprefix("@")
    return f"{name} · {company}"
