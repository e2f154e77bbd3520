"""Classifiers: tier, reasons, exposure and priority per asset."""
