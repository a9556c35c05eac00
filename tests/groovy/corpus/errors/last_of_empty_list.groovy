println([].last())
