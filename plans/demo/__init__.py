"""The demo plans (the JSON files beside this module) and their year's outcome."""
