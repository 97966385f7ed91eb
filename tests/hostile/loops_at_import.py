"""An endless loop at import: stopped by the import time limit."""

while True:
    pass
