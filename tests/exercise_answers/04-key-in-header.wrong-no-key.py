# expect: no key was sent at all
import requests

# the key was removed from the URL, and not sent anywhere else
reports_response = requests.get("https://api.example.com/reports", timeout=5)
