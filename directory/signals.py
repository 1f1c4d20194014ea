"""What the directory tells the apps above it."""

from django.dispatch import Signal

# Sent after the administrative units were loaded or refreshed (``administrative_units_sync``): the apps
# whose reference data names units (the yearly plans, the targets' territories) complete it then.
units_loaded = Signal()
