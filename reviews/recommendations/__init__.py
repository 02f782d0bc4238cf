"""The learning register: the recommendations of reviews, who they are for, what was done."""
