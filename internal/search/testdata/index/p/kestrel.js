annalsSearch.postings("kestrel",{"all":"By2B","rest":58,"top":"B8D7G7C7"});
