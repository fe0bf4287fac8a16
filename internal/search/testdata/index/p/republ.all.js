annalsSearch.all("republ","By4B");
