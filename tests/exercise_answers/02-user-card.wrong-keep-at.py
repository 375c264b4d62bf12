# expect: @
# Null-safe, but drops the .lstrip("@").
def user_card(user):
    name = user.get("name") or user["login"]
    company = (user.get("company") or "no company").strip()
    return f"{name} · {company}"
