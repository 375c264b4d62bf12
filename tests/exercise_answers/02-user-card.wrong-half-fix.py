# expect: you returned 'None
# The company is fixed, the name still comes out as None.
def user_card(user):
    name = user.get("name", user["login"])
    company = (user.get("company") or "no company").strip().lstrip("@")
    return f"{name} · {company}"
