import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from site_template.communes.models import CommuneSettings

VALID = {"name": "Fatima Zahra", "email": "fz@example.ma", "subject": "Éclairage", "message": "La rue est sombre."}


@pytest.fixture
def contact(publishing, commune_site):
    commune = CommuneSettings.for_site(commune_site)
    commune.email = "contact@larache.ma"
    commune.cndp_reference = "D-GC-123/2024"
    commune.save()
    from site_template.contact.models import ContactPage

    ContactPage.objects.update(to_address="contact@larache.ma")
    return commune


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "label"), [("ar", "الاسم الكامل"), ("fr", "Nom complet")])
def test_form_shows_translated_labels_and_law_09_08_notice(client, contact, lang, label):
    html = client.get(f"/{lang}/contact/").content.decode()
    assert label in html
    assert "D-GC-123/2024" in html
    assert 'name="message"' in html and 'name="csrfmiddlewaretoken"' in html


@pytest.mark.django_db
def test_valid_submission_is_stored_and_emailed(client, contact, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fr/contact/", VALID)
    assert response.status_code == 302
    assert response["Location"] == "/fr/contact/?sent=1"
    submission = FormSubmission.objects.get()
    assert submission.get_data()["email"] == "fz@example.ma"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["contact@larache.ma"]
    assert message.reply_to == ["fz@example.ma"]
    assert "La rue est sombre." in message.body
    assert "Éclairage" in message.subject
    thanks = client.get(response["Location"]).content.decode()
    assert "a bien reçu votre message" in thanks


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "error"), [
    ("fr", "Saisissez une adresse de courriel valide."),
    ("ar", "أدخِل عنوان بريد إلكتروني صحيح."),
])
def test_invalid_submission_keeps_input_and_shows_translated_errors(client, contact, lang, error):
    data = {**VALID, "email": "not-an-email", "subject": ""}
    response = client.post(f"/{lang}/contact/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert error in html
    assert 'value="Fatima Zahra"' in html and "La rue est sombre." in html and 'value="not-an-email"' in html
    assert 'class="field field--error"' in html
    assert not FormSubmission.objects.exists()
    assert not mail.outbox


@pytest.mark.django_db
def test_rate_limit_per_ip(client, contact, settings):
    settings.CONTACT_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post("/fr/contact/", VALID, REMOTE_ADDR="10.0.0.1").status_code == 302
    blocked = client.post("/fr/contact/", VALID, REMOTE_ADDR="10.0.0.1")
    assert blocked.status_code == 429
    assert 'value="Fatima Zahra"' in blocked.content.decode()
    assert client.post("/fr/contact/", VALID, REMOTE_ADDR="10.0.0.2").status_code == 302
    assert FormSubmission.objects.count() == 3


@pytest.mark.django_db
def test_bidi_controls_are_removed_from_what_the_visitor_types(client, contact, django_capture_on_commit_callbacks):
    from tests.hostile_text import BIDI_CONTROLS, RLO_NAME

    hostile = {**VALID, "name": RLO_NAME, "subject": "\u2067Éclairage\u2069", "message": "\u202bLa rue\u202c est sombre."}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/fr/contact/", hostile).status_code == 302
    data = FormSubmission.objects.get().get_data()
    assert (data["name"], data["subject"], data["message"]) == ("txt.exe", "Éclairage", "La rue est sombre.")
    message = mail.outbox[0]
    assert not any(ch in message.body + message.subject for ch in BIDI_CONTROLS)
