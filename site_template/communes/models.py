"""The commune behind each Wagtail Site: its identity, contacts and legal references.

Everything the ``create_commune`` command sets lives here and stays editable in
the Wagtail admin (Settings → Commune).
"""

from django.core.cache import cache
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from site_template.cache_versions import SITE_STRUCTURE
from site_template.i18n import BilingualNameMixin, localised
from themes.registry import DEFAULT_THEME, theme_choices

from .roles import Role

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB."))


@register_setting(icon="site")
class CommuneSettings(BaseSiteSetting):
    # NULL, not "", for sites that are not communes: unique must allow several of them.
    slug = models.SlugField(_("short name (slug)"), max_length=60, unique=True, null=True)  # noqa: DJ001
    name_ar = models.CharField(_("name in Arabic"), max_length=120, default="")
    name_fr = models.CharField(_("name in French"), max_length=120, default="")
    region = models.CharField(_("region"), max_length=120, blank=True)
    province = models.CharField(_("province or prefecture"), max_length=120, blank=True)
    population = models.PositiveIntegerField(
        _("population"),
        null=True,
        blank=True,
        help_text=_(
            "Legal population (last census). Sets the minimum number of petition signatures: "
            "100 below 35,000 inhabitants, 200 otherwise (organic law 113.14, art. 123)."
        ),
    )
    has_arrondissements = models.BooleanField(
        _("commune with arrondissements"),
        default=False,
        help_text=_("Communes with arrondissements need 400 petition signatures (organic law 113.14, art. 123)."),
    )

    theme = models.CharField(_("theme"), max_length=40, default=DEFAULT_THEME, choices=theme_choices)
    primary_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        blank=True,
        validators=[hex_colour],
        help_text=_("Optional; overrides the theme's primary colour. Keep a contrast of 4.5:1 with white."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("media collection"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The collection holding this commune's images and documents; its staff groups work in it."),
    )

    address_ar = models.TextField(_("postal address in Arabic"), blank=True)
    address_fr = models.TextField(_("postal address in French"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    opening_hours_ar = models.CharField(_("opening hours in Arabic"), max_length=200, blank=True)
    opening_hours_fr = models.CharField(_("opening hours in French"), max_length=200, blank=True)

    cndp_reference = models.CharField(
        _("CNDP declaration or authorisation reference"),
        max_length=120,
        blank=True,
        help_text=_(
            "Shown on every form that collects personal data (law 09-08, art. 5) and where a national "
            "ID number is collected (law 09-08, art. 12)."
        ),
    )
    data_controller_ar = models.CharField(_("data controller in Arabic"), max_length=200, blank=True)
    data_controller_fr = models.CharField(_("data controller in French"), max_length=200, blank=True)

    footer_pages = StreamField(
        [("page", blocks.PageChooserBlock(label=_("page")))],
        verbose_name=_("footer links"),
        blank=True,
        help_text=_("Pages linked in the footer of every page (choose the Arabic page; its French translation is used on French pages)."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name_ar"),
                FieldPanel("name_fr"),
                FieldPanel("slug"),
                FieldPanel("region"),
                FieldPanel("province"),
                FieldPanel("population"),
                FieldPanel("has_arrondissements"),
            ],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [FieldPanel("theme"), FieldPanel("primary_colour"), FieldPanel("logo")],
            heading=_("Appearance"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address_ar"),
                FieldPanel("address_fr"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("opening_hours_ar"),
                FieldPanel("opening_hours_fr"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("cndp_reference"), FieldPanel("data_controller_ar"), FieldPanel("data_controller_fr")],
            heading=_("Personal data (law 09-08)"),
        ),
        FieldPanel("footer_pages"),
    ]

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def for_site(cls, site):
        """The site's settings from the cache (every page reads them; saving bumps
        ``SITE_STRUCTURE``, see ``apps``)."""
        key = f"communesettings:{SITE_STRUCTURE.current()}:{getattr(site, 'pk', 0)}"
        settings = cache.get(key)
        if settings is None:
            settings = super().for_site(site)
            cache.set(key, settings, 3600)
        return settings

    def _localised(self, field: str) -> str:
        return localised(self, field)

    @property
    def name(self) -> str:
        return self._localised("name")

    @property
    def address(self) -> str:
        return self._localised("address")

    @property
    def opening_hours(self) -> str:
        return self._localised("opening_hours")

    @property
    def data_controller(self) -> str:
        return self._localised("data_controller") or self.name

    @property
    def petition_signatures_required(self) -> int:
        """Organic law 113.14, art. 123."""
        if self.has_arrondissements:
            return 400
        if self.population is not None and self.population < 35_000:
            return 100
        return 200


class Neighbourhood(BilingualNameMixin, models.Model):
    """A neighbourhood (حي / quartier) of a commune, used to file and count participation.
    The focal point edits the list (Snippets → Neighbourhoods)."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="neighbourhoods")
    name_ar = models.CharField(_("name in Arabic"), max_length=120)
    name_fr = models.CharField(_("name in French"), max_length=120, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [FieldPanel("site"), FieldPanel("name_ar"), FieldPanel("name_fr"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name_ar"]
        unique_together = [("site", "name_ar")]
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")

    def __str__(self) -> str:
        return self.name


class CommuneRole(models.Model):
    """The Django group that holds one staff role in one commune."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="commune_roles")
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    group = models.OneToOneField("auth.Group", on_delete=models.CASCADE, related_name="commune_role")

    class Meta:
        unique_together = [("site", "role")]
        verbose_name = _("commune role")
        verbose_name_plural = _("commune roles")

    def __str__(self) -> str:
        return f"{self.site} — {self.get_role_display()}"
