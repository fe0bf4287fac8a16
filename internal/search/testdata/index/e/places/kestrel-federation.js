annalsSearch.postings("places/kestrel-federation",{"all":"By2B"});
