from keras.models import Sequential
from keras.layers import Activation, BatchNormalization, Dense, Dropout

wide = True
model = Sequential()
model.add(Dense(64, input_dim=16, use_bias=False))
if wide:
    model.add(Dense(256, use_bias=False))
model.add(Dropout(0.2))
model.add(BatchNormalization())
model.add(Activation("relu"))
model.add(Dense(1))
