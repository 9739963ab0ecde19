"""Cache invalidation only: publishing changes menus and translated URLs."""

from wagtail.signals import page_published, page_unpublished, post_page_move

from .menus import bump_menu_version


def _bump(**kwargs):
    bump_menu_version()


def register_signal_handlers() -> None:
    page_published.connect(_bump, dispatch_uid="menus_on_publish")
    page_unpublished.connect(_bump, dispatch_uid="menus_on_unpublish")
    post_page_move.connect(_bump, dispatch_uid="menus_on_move")
