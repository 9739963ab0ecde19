"""gunicorn settings shared by `make serve-production` and the benchmarks (gunicorn reads
./gunicorn.conf.py from the folder it starts in; command-line options still win)."""

import gc


def post_worker_init(worker):
    """Once a worker has loaded the site, move its long-lived objects (modules, URL patterns,
    compiled templates, settings) out of the collector's reach: each request then allocates
    against a small young heap instead of re-scanning them (Python's advice for pre-fork
    servers, see ``gc.freeze``)."""
    gc.freeze()
