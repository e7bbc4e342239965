# cell: strategy
# mistake: fine-tunes whatever the amount and kind of data
STRATEGY = {"a": "fine-tune", "b": "fine-tune", "c": "fine-tune"}
