annalsSearch.terms("z",[["zurich",1,"Mu"]]);
