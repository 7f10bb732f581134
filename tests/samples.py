"""Sample inputs shared by several test modules."""

# The answers file given as the example in the self-check issue (issue 5).
EXAMPLE_ANSWERS = """\
breaks = "D"
strength_days = 0
thigh_check = "N"
knee_check = "Y"
wall_gap = "none"
bridge_hold = "C"

[weekday]
desk = 360
screens = 120
travel = 60
other = 30

[weekend]
desk = 0
screens = 180
travel = 30
other = 60
"""
