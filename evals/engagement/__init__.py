"""Calibration and validation of the engagement analysis against human-rated data."""
