from wagtail.admin.forms import WagtailAdminModelForm


class DocumentCategoryForm(WagtailAdminModelForm):
    """Staff choose among their own communes' sites only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not user.is_superuser and "site" in self.fields:
            from .selectors import sites_editable_by

            self.fields["site"].queryset = sites_editable_by(user)
