annalsSearch.postings("kestrel",{"rest":58,"top":"B8D7G7C7"});
