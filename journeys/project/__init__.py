"""The project: its configuration and typed settings, the scaffold `journeys init`
writes, the step catalogue and `journeys check`.
"""
