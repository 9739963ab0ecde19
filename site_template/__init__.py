# The ``<id:…>`` URL converter must exist before any URL pattern is built, RoutablePage routes in
# model modules included: importing the package registers it.
from . import params  # noqa: F401
