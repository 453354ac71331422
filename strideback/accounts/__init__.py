"""Accounts: runners and professionals, sign-up, sign-in and password reset."""
