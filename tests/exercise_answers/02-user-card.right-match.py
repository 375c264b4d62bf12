def user_card(user):
    match user.get("name"):
        case None | "":
            name = user["login"]
        case str(text):
            name = text
    company = (user.get("company") or "").strip().lstrip("@") or "no company"
    return f"{name} · {company}"
