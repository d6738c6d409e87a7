"""proflens_fleet: a fleet's profiles merged by proflens on Dask distributed.

    python3 -m proflens_fleet merge --scheduler tcp://HOST:PORT|local[:N] \
        --files-from LIST -o OUT [--by hour|day] [--label KEY=VALUE] [--skip-bad]

See docs/fleet.md. proflens stays the only code that reads or writes
profiles; this package cuts the list, places the work and merges the
partial results in a tree.
"""

__version__ = "0.1.0"
