println 5.abs()
5.transmogrifyNumberPlease()
