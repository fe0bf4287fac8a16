annalsSearch.postings("places/arvenia",{"all":"By4B"});
