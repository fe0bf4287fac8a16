annalsSearch.terms("ca",[["carri",2,"CvBu"],
["catch",1,"Hv"]]);
