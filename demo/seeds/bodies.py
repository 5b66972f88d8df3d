"""The two managing bodies of the seed pages, named by many seed projects."""


LOTTA = "Cooperativa Lotta contro l'emarginazione"
POLIS = "Gruppo Polis Società Cooperativa Sociale"
