annalsSearch.terms("j",[["job",1,"Av"]]);
