"""The practice: physiotherapists and running coaches, their clients who consented, and
what they do for them. Every read and action passes the checks in ``access``."""
