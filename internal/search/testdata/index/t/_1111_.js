annalsSearch.terms("ᄑ",[["평양",1,"Mu"]]);
