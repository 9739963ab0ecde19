from django import forms

from site_template.params import PageNumberField, QueryTextField

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    """``?q=…&type=…&page=…`` of the site search: whatever is sent, the form is valid (the text is
    cleaned, an unreadable page number is page 1)."""

    q = QueryTextField(max_length=MAX_QUERY_LENGTH)
    page = PageNumberField()
    type = forms.SlugField(required=False, max_length=32)  # a source's kind; unknown: all

    def clean_type(self):
        return self.cleaned_data.get("type") or None
