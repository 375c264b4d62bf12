# expect: crashed for
# The planted bug, unchanged.
def user_card(user):
    name = user.get("name", user["login"])
    company = user.get("company", "no company").strip().lstrip("@")
    return f"{name} · {company}"
