annalsSearch.all("arvenia","By4B");
