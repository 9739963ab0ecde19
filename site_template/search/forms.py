from django import forms

from site_template.params import PageNumberField, QueryTextField

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    """``?q=…&page=…`` of the site search: whatever is sent, the form is valid (the text is
    cleaned, an unreadable page number is page 1)."""

    q = QueryTextField(max_length=MAX_QUERY_LENGTH)
    page = PageNumberField()
