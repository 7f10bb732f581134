"""The weekly plan: training days, the session due today, and easing back in after time off."""
