"""The learning of reviews: their recommendations, who they are for, and what was done."""
