"""Hooks through which features plug into the foundation (all registered with ``wagtail.hooks``).

``commune_setup`` — called by ``create_commune`` (``services.commune_generate``) after the Site,
home pages, settings, the "About", "Council" (slug ``council``), "Participate" (slug
``participate``, find it with ``services.participate_page(home=home_ar)``), privacy, terms and
editors' guide pages, the staff groups and (with ``--demo``) the demo accounts exist, in
``order`` (attribute on the function, default 100)::

    @hooks.register("commune_setup")
    def setup_suggestions(*, site, home_ar, home_fr, demo: bool, demo_users: dict) -> None:
        # create this feature's pages (with site_template.pages.tree.add_translated_child)
        # and, when demo is true, its demo content. Must be idempotent per site.

    ``demo_users`` maps Role values and "citizen", "citizen2", "association" to User objects
    (empty without ``--demo``). All hooks run inside the generator's single transaction: an
    exception in one aborts the whole commune (nothing is created) and names the hook.
    After the hooks, the generator adds a plain "Contact" and "Documents" page only if no hook
    created a child of home with slug ``contact``/``documents`` (or a page type named so).

``home_sections`` — see ``site_template.pages.selectors``: return a ``HomeSection`` or None. The
sections are rendered once per commune and language into the content cache (and the home page
into the anonymous page cache): a section's template must not show anything that depends on the
viewer, whatever writes change what it shows must bump ``CONTENT`` (publishing does), and a
section that changes by itself at a known instant sets ``expires_at``.

``role_permissions`` — see ``site_template.communes.roles``: ``{Role: ["app_label.codename", …]}``.
Granted to the commune's group for that role by ``services.commune_roles_sync(site=…)`` (the
administrator gets every role's permissions). An unknown permission string is an error.
Page permissions (on the commune's own tree), collection permissions (on the commune's own media
collection, ``CommuneSettings.collection``) and site-setting permissions are set by the generator.
"""
