annalsSearch.all("roa","By4B");
