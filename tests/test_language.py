"""The interface speaks Vietnamese by default and English on request."""

from django.urls import reverse


def test_vietnamese_is_the_default(client_for, ip_officer):
    page = client_for(ip_officer).get(reverse("home")).content.decode()
    assert '<html lang="vi">' in page
    assert "Việc cần chú ý" in page
    assert "Đăng xuất" in page


def test_switching_to_english_and_back(client_for, ip_officer):
    client = client_for(ip_officer)
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("home")}, follow=True)
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Items needing attention" in page
    assert "Log out" in page
    assert "Việc cần chú ý" not in page

    page = client.post(reverse("set_language"), {"language": "vi", "next": reverse("home")}, follow=True)
    assert "Việc cần chú ý" in page.content.decode()


def test_log_in_page_switches_language_before_signing_in(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    page = client.get(reverse("login")).content.decode()
    assert "Password" in page


def test_a_browser_set_to_english_still_gets_vietnamese_until_the_user_switches(client_for, ip_officer):
    client = client_for(ip_officer)
    page = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in page
    client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    page = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert '<html lang="en">' in page
