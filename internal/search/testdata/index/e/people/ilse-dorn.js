annalsSearch.postings("people/ilse-dorn",{"all":"BoIB"});
