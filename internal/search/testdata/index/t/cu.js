annalsSearch.terms("cu",[["cutter",1,"Iv"]]);
