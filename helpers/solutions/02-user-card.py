# Reference solution: 02-user-card
def user_card(user):
    name = user.get("name") or user["login"]  # a null name falls back to the login
    company = (user.get("company") or "no company").strip().lstrip("@")  # null -> "no company"
    return f"{name} · {company}"
