// lotse: the executable; dispatches to the command table.
print("lotse")
